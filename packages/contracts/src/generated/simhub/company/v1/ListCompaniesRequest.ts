// Original file: proto/simhub/company/v1/company_service.proto


export interface ListCompaniesRequest {
  'orgId'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
  'status'?: (string);
}

export interface ListCompaniesRequest__Output {
  'orgId': (string);
  'limit': (number);
  'cursor': (string);
  'status': (string);
}
