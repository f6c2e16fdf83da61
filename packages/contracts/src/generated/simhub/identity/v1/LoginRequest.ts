// Original file: proto/simhub/identity/v1/identity_service.proto


export interface LoginRequest {
  'username'?: (string);
  'password'?: (string);
  'sourceAddress'?: (string);
}

export interface LoginRequest__Output {
  'username': (string);
  'password': (string);
  'sourceAddress': (string);
}
