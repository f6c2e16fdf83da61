// Original file: proto/simhub/org/v1/org_service.proto


export interface UpdateOrganizationRequest {
  'id'?: (string);
  'name'?: (string);
  'status'?: (string);
  '_name'?: "name";
  '_status'?: "status";
}

export interface UpdateOrganizationRequest__Output {
  'id': (string);
  'name'?: (string);
  'status'?: (string);
  '_name'?: "name";
  '_status'?: "status";
}
