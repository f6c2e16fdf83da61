// Original file: proto/simhub/identity/v1/identity_service.proto


export interface ClientCredentialsToken {
  'accessToken'?: (string);
  'expiresIn'?: (number);
}

export interface ClientCredentialsToken__Output {
  'accessToken': (string);
  'expiresIn': (number);
}
