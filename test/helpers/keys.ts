/** Planted keys of every format the redactor knows; each secret part must vanish from any text holding it. */
export const PLANTED_KEYS = {
  openai: 'sk-AbCdEf0123456789GhIjKl4567MnOp',
  openaiProject: 'sk-proj-Xy9Zq8Wv7Ut6Sr5Qp4On3Ml2Kj1Ih0Gf_e-dC',
  openaiService: 'sk-svcacct-Pq7Rs8Tu9Vw0Xy1Za2Bc3De4Fg5Hi6',
  zhipu: '4f6a9c2e8b1d47f3a5c0e9b2d8f1a6c3.Qw3Er5Ty7Ui9Op1A',
  qianfan: 'bce-v3/ALTAK-Zx8Cv7Bn6Mm5Ll4Kk3Jj2/f00dfacecafe1234beef5678',
  jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJxaWFueWkiLCJpYXQiOjE3MDB9.c2lnbmF0dXJlLXF1aXRlLWxvbmc',
  opaque: 'Zp4Lm9Qx2Wv7Rt1Ys8Ku3Hb6Nc5Jd0F',
} as const;
