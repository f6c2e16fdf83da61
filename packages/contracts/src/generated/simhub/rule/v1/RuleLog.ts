// Original file: proto/simhub/rule/v1/rule_service.proto

import type { RuleLogAction as _simhub_rule_v1_RuleLogAction, RuleLogAction__Output as _simhub_rule_v1_RuleLogAction__Output } from '../../../simhub/rule/v1/RuleLogAction.ts';

export interface RuleLog {
  'id'?: (string);
  'ruleId'?: (string);
  'iccid'?: (string);
  'trigger'?: (string);
  'observedJson'?: (string);
  'firedAt'?: (string);
  'actions'?: (_simhub_rule_v1_RuleLogAction)[];
}

export interface RuleLog__Output {
  'id': (string);
  'ruleId': (string);
  'iccid': (string);
  'trigger': (string);
  'observedJson': (string);
  'firedAt': (string);
  'actions': (_simhub_rule_v1_RuleLogAction__Output)[];
}
