// Original file: proto/simhub/sim/v1/sim_service.proto


export interface ImportSimsChunk {
  'orgId'?: (string);
  'data'?: (Buffer | Uint8Array | string);
  'last'?: (boolean);
  'respondAsync'?: (boolean);
}

export interface ImportSimsChunk__Output {
  'orgId': (string);
  'data': (Buffer);
  'last': (boolean);
  'respondAsync': (boolean);
}
