package org.remoteassistance.connector.partner;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** TeamViewer Web API v1, the calls the connector makes. Built by {@link TeamViewerPartnerClient}. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface TeamViewerApi {

    @GET
    @Path("/ping")
    Ping ping(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @POST
    @Path("/sessions")
    Session create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, NewSession session);

    @GET
    @Path("/sessions/{code}")
    Session get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("code") String code);

    @PUT
    @Path("/sessions/{code}")
    Session update(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("code") String code,
            SessionUpdate update);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Ping(@JsonProperty("token_valid") boolean tokenValid) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NewSession(@JsonProperty("groupname") String groupName, String description,
            @JsonProperty("end_customer") EndCustomer endCustomer) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EndCustomer(String name, String email) {
    }

    record SessionUpdate(String state) {
    }

    /** Times stay text: they are parsed leniently by the client. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Session(String code, String state, @JsonProperty("supporter_link") String supporterLink,
            @JsonProperty("end_customer_link") String endCustomerLink,
            @JsonProperty("webclient_supporter_link") String webclientSupporterLink,
            @JsonProperty("created_at") String createdAt, @JsonProperty("valid_until") String validUntil,
            @JsonProperty("closed_at") String closedAt, @JsonProperty("groupname") String groupName,
            String description) {
    }

    /** The partner's error body. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Error(String error, @JsonProperty("error_description") String errorDescription,
            @JsonProperty("error_code") Integer errorCode) {
    }
}
