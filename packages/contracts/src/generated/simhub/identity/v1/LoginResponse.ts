// Original file: proto/simhub/identity/v1/identity_service.proto


export interface LoginResponse {
  'accessToken'?: (string);
  'refreshToken'?: (string);
  'expiresIn'?: (number);
  'mfaRequired'?: (boolean);
  'mfaToken'?: (string);
}

export interface LoginResponse__Output {
  'accessToken': (string);
  'refreshToken': (string);
  'expiresIn': (number);
  'mfaRequired': (boolean);
  'mfaToken': (string);
}
