// Original file: proto/simhub/usage/v1/usage_service.proto


export interface IngestUsageChunk {
  'orgId'?: (string);
  'format'?: (string);
  'data'?: (Buffer | Uint8Array | string);
  'last'?: (boolean);
}

export interface IngestUsageChunk__Output {
  'orgId': (string);
  'format': (string);
  'data': (Buffer);
  'last': (boolean);
}
