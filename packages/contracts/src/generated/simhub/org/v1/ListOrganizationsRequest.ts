// Original file: proto/simhub/org/v1/org_service.proto


export interface ListOrganizationsRequest {
  'limit'?: (number);
  'cursor'?: (string);
}

export interface ListOrganizationsRequest__Output {
  'limit': (number);
  'cursor': (string);
}
