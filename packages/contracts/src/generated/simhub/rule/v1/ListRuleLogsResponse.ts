// Original file: proto/simhub/rule/v1/rule_service.proto

import type { RuleLog as _simhub_rule_v1_RuleLog, RuleLog__Output as _simhub_rule_v1_RuleLog__Output } from '../../../simhub/rule/v1/RuleLog.ts';

export interface ListRuleLogsResponse {
  'items'?: (_simhub_rule_v1_RuleLog)[];
  'nextCursor'?: (string);
}

export interface ListRuleLogsResponse__Output {
  'items': (_simhub_rule_v1_RuleLog__Output)[];
  'nextCursor': (string);
}
