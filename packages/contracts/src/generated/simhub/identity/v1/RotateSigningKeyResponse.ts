// Original file: proto/simhub/identity/v1/identity_service.proto


export interface RotateSigningKeyResponse {
  'kid'?: (string);
  'previousKid'?: (string);
  'activatesAt'?: (string);
}

export interface RotateSigningKeyResponse__Output {
  'kid': (string);
  'previousKid': (string);
  'activatesAt': (string);
}
