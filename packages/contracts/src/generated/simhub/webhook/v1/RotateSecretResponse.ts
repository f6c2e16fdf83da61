// Original file: proto/simhub/webhook/v1/webhook_service.proto


export interface RotateSecretResponse {
  'secret'?: (string);
  'previousSecretExpiresAt'?: (string);
}

export interface RotateSecretResponse__Output {
  'secret': (string);
  'previousSecretExpiresAt': (string);
}
