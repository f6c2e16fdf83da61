// Original file: proto/simhub/identity/v1/identity_service.proto


export interface CreateEndUserRequest {
  'companyId'?: (string);
  'username'?: (string);
  'email'?: (string);
  'password'?: (string);
}

export interface CreateEndUserRequest__Output {
  'companyId': (string);
  'username': (string);
  'email': (string);
  'password': (string);
}
