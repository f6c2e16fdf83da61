// Original file: proto/simhub/webhook/v1/webhook_service.proto


export interface ReplayResponse {
  'scheduled'?: (number);
}

export interface ReplayResponse__Output {
  'scheduled': (number);
}
