// Original file: proto/simhub/rule/v1/rule_service.proto


export interface CreateRuleRequest {
  'orgId'?: (string);
  'companyId'?: (string);
  'planId'?: (string);
  'name'?: (string);
  'triggerJson'?: (string);
  'actionsJson'?: (string);
  'enabled'?: (boolean);
  'hasEnabled'?: (boolean);
}

export interface CreateRuleRequest__Output {
  'orgId': (string);
  'companyId': (string);
  'planId': (string);
  'name': (string);
  'triggerJson': (string);
  'actionsJson': (string);
  'enabled': (boolean);
  'hasEnabled': (boolean);
}
