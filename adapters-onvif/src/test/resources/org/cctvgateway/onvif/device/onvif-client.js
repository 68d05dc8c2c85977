// Drives the npm `onvif` package (a third-party ONVIF client) against our device service and
// prints one JSON object: {info, profiles, uri} or {error}. Used by NpmOnvifClientTest.
'use strict';
const onvif = require('onvif');
const [host, port, username, password, media] = process.argv.slice(2);

function fail(step, err) {
  console.log(JSON.stringify({ error: step + ': ' + (err && err.message ? err.message : String(err)) }));
  process.exit(2);
}

new onvif.Cam({ hostname: host, port: Number(port), username, password, timeout: 10000 }, function (err) {
  if (err) { return fail('connect', err); }
  const cam = this;
  // The client uses Media2 when GetServices lists it; "media1" forces the ver10 Media service.
  if (media === 'media1') { cam.media2Support = false; }
  cam.getDeviceInformation(function (err, info) {
    if (err) { return fail('getDeviceInformation', err); }
    cam.getProfiles(function (err, profiles) {
      if (err) { return fail('getProfiles', err); }
      const token = profiles[0].$.token;
      cam.getStreamUri({ protocol: 'RTSP', profileToken: token }, function (err, stream) {
        if (err) { return fail('getStreamUri', err); }
        console.log(JSON.stringify({
          media2: cam.media2Support,
          info,
          profiles: profiles.map(p => ({
            token: p.$.token,
            name: p.name,
            encoding: p.videoEncoderConfiguration.encoding,
            width: p.videoEncoderConfiguration.resolution.width,
            height: p.videoEncoderConfiguration.resolution.height,
          })),
          uri: stream.uri,
        }));
        process.exit(0);
      });
    });
  });
});
