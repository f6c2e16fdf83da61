// Original file: proto/simhub/rule/v1/rule_service.proto


export interface ListRuleLogsRequest {
  'ruleId'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
}

export interface ListRuleLogsRequest__Output {
  'ruleId': (string);
  'limit': (number);
  'cursor': (string);
}
