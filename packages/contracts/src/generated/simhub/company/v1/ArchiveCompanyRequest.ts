// Original file: proto/simhub/company/v1/company_service.proto


export interface ArchiveCompanyRequest {
  'id'?: (string);
}

export interface ArchiveCompanyRequest__Output {
  'id': (string);
}
