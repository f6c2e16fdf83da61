// Original file: proto/simhub/sim/v1/sim_service.proto


export interface GetImportRequest {
  'importId'?: (string);
}

export interface GetImportRequest__Output {
  'importId': (string);
}
