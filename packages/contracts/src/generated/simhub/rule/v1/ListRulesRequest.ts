// Original file: proto/simhub/rule/v1/rule_service.proto


export interface ListRulesRequest {
  'orgId'?: (string);
  'companyId'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
}

export interface ListRulesRequest__Output {
  'orgId': (string);
  'companyId': (string);
  'limit': (number);
  'cursor': (string);
}
