// Original file: proto/simhub/rule/v1/rule_service.proto


export interface DeleteRuleRequest {
  'id'?: (string);
}

export interface DeleteRuleRequest__Output {
  'id': (string);
}
