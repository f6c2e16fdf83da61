// Original file: proto/simhub/identity/v1/identity_service.proto


export interface LogoutRequest {
  'refreshToken'?: (string);
}

export interface LogoutRequest__Output {
  'refreshToken': (string);
}
