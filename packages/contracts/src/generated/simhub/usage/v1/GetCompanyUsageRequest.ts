// Original file: proto/simhub/usage/v1/usage_service.proto


export interface GetCompanyUsageRequest {
  'companyId'?: (string);
  'period'?: (string);
}

export interface GetCompanyUsageRequest__Output {
  'companyId': (string);
  'period': (string);
}
