// Original file: proto/simhub/sim/v1/sim_service.proto


export interface ChangeSimStatusByRuleResponse {
  'status'?: (string);
  'changed'?: (boolean);
}

export interface ChangeSimStatusByRuleResponse__Output {
  'status': (string);
  'changed': (boolean);
}
