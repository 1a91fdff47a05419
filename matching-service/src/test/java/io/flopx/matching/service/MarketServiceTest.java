package io.flopx.matching.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.flopx.matching.messaging.MarketCommand;
import io.flopx.matching.messaging.MarketEvent;

class MarketServiceTest {

    final ObjectMapper json = JsonMapper.builder().findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void anOrderEventInAnOlderShapeIsRejectedNotGuessed() throws Exception {
        UUID orderId = UUID.randomUUID();
        // The first, thin order format: no kind, a per-device-hour limit under another name.
        String old = """
                {"eventId":"%s","type":"ORDER_PLACED","occurredAt":"2026-11-26T01:06:25Z","orderId":"%s",
                 "tenant":"acme-ai","model":"H100-SXM5-80GB","devices":8,"durationHours":10,
                 "earliestStart":"2026-12-01T08:00:00Z","latestStart":"2026-12-01T08:00:00Z",
                 "limitPricePerDeviceHour":1600,"currency":"CNY","allowedHubs":["ningxia"]}"""
                .formatted(UUID.randomUUID(), orderId);
        String command = json.writeValueAsString(MarketCommand.order(old, List.of("ningxia")));
        List<MarketEvent> events = new MarketService(json).apply(command, 0).events();
        assertEquals(1, events.size());
        assertEquals(MarketEvent.ORDER_REJECTED, events.get(0).type());
        assertEquals(orderId, events.get(0).orderId());
    }

    @Test
    void anUnreadableCommandIsSkipped() {
        assertEquals(List.of(), new MarketService(json).apply("{not json", 0).events());
    }
}
