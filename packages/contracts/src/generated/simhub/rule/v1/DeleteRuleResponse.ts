// Original file: proto/simhub/rule/v1/rule_service.proto


export interface DeleteRuleResponse {
}

export interface DeleteRuleResponse__Output {
}
