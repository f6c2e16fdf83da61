// Original file: proto/simhub/sim/v1/sim_service.proto


export interface CountSimsByStatusResponse {
  'counts'?: ({[key: string]: number});
}

export interface CountSimsByStatusResponse__Output {
  'counts': ({[key: string]: number});
}
