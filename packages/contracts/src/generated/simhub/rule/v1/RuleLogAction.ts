// Original file: proto/simhub/rule/v1/rule_service.proto


export interface RuleLogAction {
  'type'?: (string);
  'outcome'?: (string);
  'detail'?: (string);
}

export interface RuleLogAction__Output {
  'type': (string);
  'outcome': (string);
  'detail': (string);
}
