// Original file: proto/simhub/sim/v1/sim_service.proto


export interface ListImportRejectionsRequest {
  'importId'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
}

export interface ListImportRejectionsRequest__Output {
  'importId': (string);
  'limit': (number);
  'cursor': (string);
}
