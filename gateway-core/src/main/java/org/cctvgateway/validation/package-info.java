/**
 * Validation of a camera against a technical standard: a {@link org.cctvgateway.validation.StandardsProfile}
 * (rules loaded from a versioned YAML document by {@link org.cctvgateway.validation.StandardsLoader}) is applied by
 * the pure {@link org.cctvgateway.validation.ValidationEngine} to {@link org.cctvgateway.validation.CameraFacts}
 * (what the camera declares through its adapter and what the gateway measured on its streams), giving a
 * {@link org.cctvgateway.validation.ComplianceReport} with one result per rule, the declared and measured values,
 * a plain-words fix hint and an overall verdict. Nothing here does network or file I/O except reading YAML
 * (standards files and the bundled lists of factory default credentials and known-vulnerable firmware) and the
 * bundled list of common passwords that {@link org.cctvgateway.validation.PasswordStrength} judges the operator's
 * camera password against (only the verdict and its reasons are kept, never the password); the
 * sampling of streams and the credential check live in the command line module and hand their facts in here.
 * Reports render as a terminal table ({@link org.cctvgateway.validation.ReportText}), JSON
 * ({@link org.cctvgateway.validation.ReportJson}) and one self-contained HTML page
 * ({@link org.cctvgateway.validation.ReportHtml}).
 */
package org.cctvgateway.validation;
