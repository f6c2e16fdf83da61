// Original file: proto/simhub/identity/v1/identity_service.proto


export interface UpdateEndUserRequest {
  'id'?: (string);
  'email'?: (string);
  'username'?: (string);
  'companyId'?: (string);
}

export interface UpdateEndUserRequest__Output {
  'id': (string);
  'email': (string);
  'username': (string);
  'companyId': (string);
}
