// Original file: proto/simhub/company/v1/company_service.proto


export interface ResolvedOrganization {
  'id'?: (string);
  'name'?: (string);
  'status'?: (string);
}

export interface ResolvedOrganization__Output {
  'id': (string);
  'name': (string);
  'status': (string);
}
