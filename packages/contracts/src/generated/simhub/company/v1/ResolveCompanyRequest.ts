// Original file: proto/simhub/company/v1/company_service.proto


export interface ResolveCompanyRequest {
  'companyId'?: (string);
}

export interface ResolveCompanyRequest__Output {
  'companyId': (string);
}
