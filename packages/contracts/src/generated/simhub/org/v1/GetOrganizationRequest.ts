// Original file: proto/simhub/org/v1/org_service.proto


export interface GetOrganizationRequest {
  'id'?: (string);
}

export interface GetOrganizationRequest__Output {
  'id': (string);
}
