// Original file: proto/simhub/sim/v1/sim_service.proto


export interface ListSimHistoryRequest {
  'iccid'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
}

export interface ListSimHistoryRequest__Output {
  'iccid': (string);
  'limit': (number);
  'cursor': (string);
}
