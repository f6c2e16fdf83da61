// Original file: proto/simhub/rule/v1/rule_service.proto


export interface GetRuleRequest {
  'id'?: (string);
}

export interface GetRuleRequest__Output {
  'id': (string);
}
