// Original file: proto/simhub/sim/v1/sim_service.proto


export interface ChangeSimStatusByRuleRequest {
  'iccid'?: (string);
  'orgId'?: (string);
  'status'?: (string);
  'ruleId'?: (string);
}

export interface ChangeSimStatusByRuleRequest__Output {
  'iccid': (string);
  'orgId': (string);
  'status': (string);
  'ruleId': (string);
}
