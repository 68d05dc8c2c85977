/**
 * Who may see what: the access policy file mapping agencies to the site types, sites, cameras and
 * sharing modes they may see ({@link org.cctvgateway.policy.AccessPolicy}), the record of emergency
 * windows that open a site's emergency-only cameras for a while ({@link
 * org.cctvgateway.policy.EmergencyWindows}), and the pure decision for one viewing request ({@link
 * org.cctvgateway.policy.AccessDecider}) whose refusals say in plain words what is missing. The RTSPS
 * server asks for a decision on every request of a session tied to an agency; anonymous viewing does
 * not exist.
 */
package org.cctvgateway.policy;
