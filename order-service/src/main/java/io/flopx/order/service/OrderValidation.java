package io.flopx.order.service;

import io.flopx.order.client.ReferenceData;
import io.flopx.order.domain.ComputeOrder;
import io.flopx.order.domain.FillPolicy;
import io.flopx.order.domain.OrderBounds;
import io.flopx.order.domain.OrderKind;
import io.flopx.order.domain.OrderStatus;
import io.flopx.order.domain.TimeInForce;
import io.flopx.support.ApiProblem;
import io.flopx.support.NamedOnce;
import io.flopx.support.WholeHours;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The rules an order must meet beyond its field constraints; each failure names its field. */
final class OrderValidation {

    private OrderValidation() {}

    static ComputeOrder toOrder(String tenant, PlaceOrder r, Instant now) {
        ComputeOrder o = new ComputeOrder();
        o.id = UUID.randomUUID();
        o.tenant = tenant;
        o.kind = r.kind();
        o.models = copy(r.models());
        if (r.kind() == OrderKind.DEVICES) {
            if (o.models.isEmpty()) {
                throw ApiProblem.invalid("models", "a DEVICES order names at least one model");
            }
            if (r.devices() == null) {
                throw ApiProblem.invalid("devices", "a DEVICES order needs a device count");
            }
            if (r.tflops() != null) {
                throw ApiProblem.invalid("tflops", "belongs to THROUGHPUT orders");
            }
            o.devices = r.devices();
        } else {
            if (r.tflops() == null) {
                throw ApiProblem.invalid("tflops", "a THROUGHPUT order needs the TFLOPS it wants");
            }
            if (r.devices() != null) {
                throw ApiProblem.invalid("devices", "belongs to DEVICES orders");
            }
            o.throughputGflops = ComputeOrder.gflops(r.tflops());
        }
        if (r.kind() == OrderKind.THROUGHPUT && r.precision() == null) {
            throw ApiProblem.invalid("precision", "a THROUGHPUT order is priced at a precision");
        }
        o.precision = r.precision();
        o.durationHours = r.durationHours();
        WholeHours.require("earliestStart", r.earliestStart());
        if (r.earliestStart().isBefore(now.truncatedTo(ChronoUnit.HOURS))) {
            throw ApiProblem.invalid("earliestStart", "must not be in the past");
        }
        if (r.earliestStart().isAfter(now.plus(OrderBounds.MAX_LEAD_DAYS, ChronoUnit.DAYS))) {
            throw ApiProblem.invalid("earliestStart", "must be within " + OrderBounds.MAX_LEAD_DAYS + " days from now");
        }
        Instant latest = r.latestStart() == null ? r.earliestStart() : r.latestStart();
        WholeHours.require("latestStart", latest);
        if (latest.isBefore(r.earliestStart())) {
            throw ApiProblem.invalid("latestStart", "must not be before earliestStart");
        }
        if (ChronoUnit.HOURS.between(r.earliestStart(), latest) > OrderBounds.MAX_START_WINDOW_HOURS) {
            throw ApiProblem.invalid(
                    "latestStart", "at most " + OrderBounds.MAX_START_WINDOW_HOURS + " hours after earliestStart");
        }
        o.earliestStart = r.earliestStart();
        o.latestStart = latest;
        o.limitPrice = r.limitPrice();
        o.currency = r.currency();
        o.allowedHubs = copy(r.hubs());
        o.maxPueMilli = r.maxPue() == null ? null : r.maxPue().movePointRight(3).intValueExact();
        o.minGreenRating =
                r.minGreenRating() == null ? null : r.minGreenRating().charAt(0) - '0';
        o.interconnect = r.interconnect();
        o.minReliabilityBps = r.minReliability();
        o.sameSite = r.sameSite();
        o.fillPolicy = r.fillPolicyOrDefault();
        if (r.minFill() != null) {
            if (o.fillPolicy != FillPolicy.PARTIAL) {
                throw ApiProblem.invalid("minFill", "only PARTIAL orders have a minimum fill");
            }
            if (o.kind == OrderKind.DEVICES && r.minFill().stripTrailingZeros().scale() > 0) {
                throw ApiProblem.invalid("minFill", "a DEVICES order's minimum fill is a whole number of devices");
            }
            long minFill =
                    o.kind == OrderKind.DEVICES ? r.minFill().longValueExact() : ComputeOrder.gflops(r.minFill());
            if (minFill > o.quantity()) {
                throw ApiProblem.invalid("minFill", "must not exceed the quantity ordered");
            }
            o.minFill = minFill;
        } else if (o.fillPolicy == FillPolicy.PARTIAL) {
            o.minFill = o.kind == OrderKind.DEVICES ? 1L : Math.min(1000L, o.quantity());
        }
        o.timeInForce = r.timeInForceOrDefault();
        if (o.timeInForce == TimeInForce.IMMEDIATE_OR_CANCEL) {
            if (r.goodTill() != null) {
                throw ApiProblem.invalid("goodTill", "an IMMEDIATE_OR_CANCEL order does not rest");
            }
        } else {
            o.goodTill = r.goodTill() == null ? latest : r.goodTill();
            if (!o.goodTill.isAfter(now)) {
                throw ApiProblem.invalid("goodTill", "must be in the future");
            }
            if (o.goodTill.isAfter(latest)) {
                throw ApiProblem.invalid("goodTill", "must not be after latestStart: the order could no longer start");
            }
        }
        o.clientReference = r.clientReference();
        o.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        o.moveTo(OrderStatus.ACCEPTED, null, o.createdAt);
        return o;
    }

    static void requireKnown(ComputeOrder o, ReferenceData.Known known) {
        requireKnown(o.models, o.allowedHubs, known);
    }

    /**
     * Models and hubs (of an order or a plan) that exist, each named once; an unknown or repeated one is a 422 naming
     * its place in the list (the hubs an order names decide its route through the markets).
     */
    static void requireKnown(List<String> models, List<String> hubs, ReferenceData.Known known) {
        for (int i = 0; i < models.size(); i++) {
            if (!known.models().containsKey(models.get(i))) {
                throw ApiProblem.invalid("models[" + i + "]", "unknown accelerator model " + models.get(i));
            }
        }
        NamedOnce.require("models", models);
        for (int i = 0; i < hubs.size(); i++) {
            if (!known.hubs().contains(hubs.get(i))) {
                throw ApiProblem.invalid("hubs[" + i + "]", "unknown hub " + hubs.get(i));
            }
        }
        NamedOnce.require("hubs", hubs);
    }

    static long amendedQuantity(ComputeOrder o, AmendOrder r) {
        if (o.kind == OrderKind.DEVICES) {
            if (r.tflops() != null) {
                throw ApiProblem.invalid("tflops", "this order is for devices");
            }
            return r.devices();
        }
        if (r.devices() != null) {
            throw ApiProblem.invalid("devices", "this order is for throughput");
        }
        return ComputeOrder.gflops(r.tflops());
    }

    private static List<String> copy(List<String> list) {
        return list == null ? new ArrayList<>() : new ArrayList<>(list);
    }
}
