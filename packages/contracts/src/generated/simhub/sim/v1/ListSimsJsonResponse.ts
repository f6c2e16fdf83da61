// Original file: proto/simhub/sim/v1/sim_service.proto


export interface ListSimsJsonResponse {
  'itemsJson'?: (Buffer | Uint8Array | string);
  'nextCursor'?: (string);
}

export interface ListSimsJsonResponse__Output {
  'itemsJson': (Buffer);
  'nextCursor': (string);
}
