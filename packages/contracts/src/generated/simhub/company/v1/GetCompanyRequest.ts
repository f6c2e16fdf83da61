// Original file: proto/simhub/company/v1/company_service.proto


export interface GetCompanyRequest {
  'id'?: (string);
}

export interface GetCompanyRequest__Output {
  'id': (string);
}
