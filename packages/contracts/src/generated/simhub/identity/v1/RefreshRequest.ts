// Original file: proto/simhub/identity/v1/identity_service.proto


export interface RefreshRequest {
  'refreshToken'?: (string);
}

export interface RefreshRequest__Output {
  'refreshToken': (string);
}
