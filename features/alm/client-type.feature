@alm
Feature: An ALM session opened for a client type works only for that client type
  Source: OpenText ALM REST API reference, "login", "Returns": "If you specify the client type in the
  request header, the returned QCSession includes a suffix encoded in Base64 format (for example,
  QCSession-d2ViYWRtaW4X). Such a QCSession cannot be used to call APIs that do not have the client type
  specified in the request header." The seed names neither the header nor what is encoded: the header
  ALM-CLIENT-TYPE comes from JENKINS-51239, and the emulator appends "-" and base64 of the client type
  (d2ViYWRtaW4 is "webadmin") to the cookie's value. Emulator only, since a real server may read the rule
  differently.

  Background:
    Given I am logged in to ALM with the active API key as client type "webadmin"
    And I remember the cookie "QCSession" as "qc"

  @ALM-06 @emulator
  Scenario: the QCSession of a client-typed login carries the base64 client type as a suffix
    Then "{{qc}}" matches "-d2ViYWRtaW4=?$"

  @ALM-06 @emulator
  Scenario: a login without a client type gets a QCSession without a suffix
    Given I act as "plain"
    And I am logged in to ALM with the active API key
    And I remember the cookie "QCSession" as "plain qc"
    Then "{{plain qc}}" matches "^[A-Za-z0-9_-]+\.$"

  @ALM-06 @emulator
  Scenario: the session works on requests that send the same client type
    When I send a GET request to "/qcbin/rest/is-authenticated" with headers:
      | ALM-CLIENT-TYPE | webadmin |
    Then the response status is 200

  @ALM-06 @emulator
  Scenario Outline: the session is refused on requests <case>
    When I send a GET request to "/qcbin/rest/is-authenticated" with headers:
      | ALM-CLIENT-TYPE | <type> |
    Then the response status is 401

    Examples:
      | case                              | type       |
      | with another client type          | REST client |
      | with an empty client type header  |            |

  @ALM-06 @emulator
  Scenario: the session is refused on requests without the client type header
    When I send a GET request to "/qcbin/rest/is-authenticated"
    Then the response status is 401
