// Original file: proto/simhub/identity/v1/identity_service.proto


export interface ConfirmTotpRequest {
  'code'?: (string);
}

export interface ConfirmTotpRequest__Output {
  'code': (string);
}
