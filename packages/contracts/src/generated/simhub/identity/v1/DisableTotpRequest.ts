// Original file: proto/simhub/identity/v1/identity_service.proto


export interface DisableTotpRequest {
  'code'?: (string);
}

export interface DisableTotpRequest__Output {
  'code': (string);
}
