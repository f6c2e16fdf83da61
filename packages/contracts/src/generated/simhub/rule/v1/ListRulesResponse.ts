// Original file: proto/simhub/rule/v1/rule_service.proto

import type { Rule as _simhub_rule_v1_Rule, Rule__Output as _simhub_rule_v1_Rule__Output } from '../../../simhub/rule/v1/Rule.ts';

export interface ListRulesResponse {
  'items'?: (_simhub_rule_v1_Rule)[];
  'nextCursor'?: (string);
}

export interface ListRulesResponse__Output {
  'items': (_simhub_rule_v1_Rule__Output)[];
  'nextCursor': (string);
}
