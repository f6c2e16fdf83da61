// Original file: proto/simhub/sim/v1/sim_service.proto


export interface SimOwner {
  'iccid'?: (string);
  'orgId'?: (string);
  'companyId'?: (string);
  'status'?: (string);
  'imei'?: (string);
  'endUserId'?: (string);
}

export interface SimOwner__Output {
  'iccid': (string);
  'orgId': (string);
  'companyId': (string);
  'status': (string);
  'imei': (string);
  'endUserId': (string);
}
