// Original file: proto/simhub/usage/v1/usage_service.proto


export interface GetSimUsageRequest {
  'iccid'?: (string);
  'period'?: (string);
  'days'?: (boolean);
}

export interface GetSimUsageRequest__Output {
  'iccid': (string);
  'period': (string);
  'days': (boolean);
}
