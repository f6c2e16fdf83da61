// Original file: proto/simhub/identity/v1/identity_service.proto


export interface CompleteMfaLoginRequest {
  'mfaToken'?: (string);
  'code'?: (string);
  'sourceAddress'?: (string);
}

export interface CompleteMfaLoginRequest__Output {
  'mfaToken': (string);
  'code': (string);
  'sourceAddress': (string);
}
