// Original file: proto/simhub/rule/v1/rule_service.proto


export interface UpdateRuleRequest {
  'id'?: (string);
  'name'?: (string);
  'triggerJson'?: (string);
  'actionsJson'?: (string);
  'enabled'?: (boolean);
  'changeEnabled'?: (boolean);
}

export interface UpdateRuleRequest__Output {
  'id': (string);
  'name': (string);
  'triggerJson': (string);
  'actionsJson': (string);
  'enabled': (boolean);
  'changeEnabled': (boolean);
}
