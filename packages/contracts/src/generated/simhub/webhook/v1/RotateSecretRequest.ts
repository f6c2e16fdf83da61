// Original file: proto/simhub/webhook/v1/webhook_service.proto


export interface RotateSecretRequest {
  'id'?: (string);
}

export interface RotateSecretRequest__Output {
  'id': (string);
}
