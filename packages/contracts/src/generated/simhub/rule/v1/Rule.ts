// Original file: proto/simhub/rule/v1/rule_service.proto


export interface Rule {
  'id'?: (string);
  'orgId'?: (string);
  'companyId'?: (string);
  'planId'?: (string);
  'name'?: (string);
  'triggerJson'?: (string);
  'actionsJson'?: (string);
  'enabled'?: (boolean);
  'createdAt'?: (string);
  'updatedAt'?: (string);
  'level'?: (string);
}

export interface Rule__Output {
  'id': (string);
  'orgId': (string);
  'companyId': (string);
  'planId': (string);
  'name': (string);
  'triggerJson': (string);
  'actionsJson': (string);
  'enabled': (boolean);
  'createdAt': (string);
  'updatedAt': (string);
  'level': (string);
}
