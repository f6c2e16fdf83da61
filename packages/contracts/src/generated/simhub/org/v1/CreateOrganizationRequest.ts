// Original file: proto/simhub/org/v1/org_service.proto


export interface CreateOrganizationRequest {
  'name'?: (string);
}

export interface CreateOrganizationRequest__Output {
  'name': (string);
}
